// The `cellar` command line: Barman's commands against a running Cellar, over its HTTP API.
import { runCli } from '../server/cli/run-cli';

process.exitCode = await runCli(process.argv.slice(2));

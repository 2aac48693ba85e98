import type { Processors } from '../../server/queue/process-run-job';
import { serverCheck } from './server-check';

/** Job name → thin processor: parse, call one verb, return its result. */
export const processors: Processors = {
  'server.check': serverCheck,
};

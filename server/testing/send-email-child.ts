import type { EmailConfig } from '../contracts/notifications';
import { sendEmail } from '../notifications/send-email';

// Test support: sendEmail in a process of its own, so that a test can start it the way an
// operator starts Cellar with a private CA trusted (NODE_EXTRA_CA_CERTS is read at start-up only).
// Argument: JSON { config, password, mail }. Prints the outcome; exits 1 on failure.

type Input = { config: EmailConfig; password: string | null; mail: { subject: string; text: string; messageId: string } };
const { config, password, mail } = JSON.parse(process.argv[2] ?? '{}') as Input;
sendEmail(config, password, mail).then(
  (outcome) => console.log(outcome),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);

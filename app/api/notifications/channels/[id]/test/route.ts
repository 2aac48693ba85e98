import { z } from 'zod';
import { route } from '@/server/http/route';
import { sendTestNotification } from '@/server/notifications/send-test-notification';

const params = z.object({ id: z.string().uuid() });

// A failed test is an answer (200 with ok: false and the reason), not an API error.
export const POST = route({ auth: 'admin', params }, ({ ctx, params }) => sendTestNotification({ ctx, input: { id: params.id } }));

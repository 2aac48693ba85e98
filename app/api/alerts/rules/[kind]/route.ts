import { z } from 'zod';
import { route } from '@/server/http/route';
import { updateAlertRule } from '@/server/alerts/update-alert-rule';
import { alertRuleKindSchema, updateAlertRuleInput } from '@/server/contracts/alerts';

const params = z.object({ kind: alertRuleKindSchema });

export const PATCH = route({ auth: 'admin', params, body: updateAlertRuleInput }, ({ ctx, params, body }) => updateAlertRule({ ctx, input: { kind: params.kind, ...body } }));

import type { AlertRuleKind } from '../../contracts/alerts';
import type { Finding, GlobalFacts, RuleSettings, ServerFacts } from '../types';
import { backupAge, backupSize, walAge } from './backup-rules';
import { channelFailing, repositoryForecast, repositoryFreeSpace } from './global-rules';
import { backupFailed, checkFailing, restoreFailed, verifyFailed } from './run-rules';
import { receiverDown, receiverLag } from './receiver-rules';
import { walConflict, walGaps } from './wal-rules';

type ServerRule = (facts: ServerFacts, now: Date, settings: RuleSettings) => Finding[];
type GlobalRule = (facts: GlobalFacts, settings: RuleSettings) => Finding[];

const serverRules: Partial<Record<AlertRuleKind, ServerRule>> = {
  backup_age: backupAge,
  backup_size: backupSize,
  wal_age: walAge,
  wal_gaps: walGaps,
  wal_conflict: walConflict,
  receiver_down: receiverDown,
  receiver_lag: receiverLag,
  backup_failed: backupFailed,
  verify_failed: verifyFailed,
  restore_failed: restoreFailed,
  check_failing: checkFailing,
};

const globalRules: Partial<Record<AlertRuleKind, GlobalRule>> = {
  repository_free_space: repositoryFreeSpace,
  repository_forecast: repositoryForecast,
  channel_failing: channelFailing,
};

/** Findings of every enabled server-scoped rule for one server. Pure. */
export function evaluateServerRules(facts: ServerFacts, settings: RuleSettings, now: Date): Finding[] {
  return (Object.entries(serverRules) as [AlertRuleKind, ServerRule][]).flatMap(([kind, rule]) =>
    settings[kind].enabled ? rule(facts, now, settings) : [],
  );
}

/** Findings of every enabled installation-wide rule. Pure. */
export function evaluateGlobalRules(facts: GlobalFacts, settings: RuleSettings): Finding[] {
  return (Object.entries(globalRules) as [AlertRuleKind, GlobalRule][]).flatMap(([kind, rule]) =>
    settings[kind].enabled ? rule(facts, settings) : [],
  );
}

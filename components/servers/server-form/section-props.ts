import type { ServerView } from '@/server/contracts/servers';
import type { FieldMessages } from '@/components/api/api-error';
import type { FormState } from './form-state';

export type SetField = <K extends keyof FormState>(key: K, value: FormState[K]) => void;

export type SectionProps = {
  form: FormState;
  set: SetField;
  errors: FieldMessages;
  /** The stored server when editing; undefined when creating. */
  server?: ServerView;
};

export const codecOptions = [
  { value: 'zstd', label: 'zstd' },
  { value: 'lz4', label: 'lz4' },
  { value: 'gzip', label: 'gzip' },
  { value: 'none', label: 'none' },
] as const;

import type { Metadata } from 'next';
import { PasswordForm } from '@/components/settings/password-form';
import { Section } from '@/components/ui/page-header';

export const metadata: Metadata = { title: 'Password' };

export default function PasswordPage() {
  return (
    <Section title="Change your password">
      <PasswordForm />
    </Section>
  );
}

import type { Role, User } from '../db/generated/client';

/** A user as the API returns it; never the password hash. */
export type UserView = {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

/** The signed-in user as a session or login answers it (the console's `CurrentUser`). */
export type AuthUser = { id: string; username: string; role: Role; mustChangePassword: boolean };

export const authUserSelect = { id: true, username: true, role: true, mustChangePassword: true } as const;

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function toAuthUser(u: Pick<User, keyof typeof authUserSelect>): AuthUser {
  return { id: u.id, username: u.username, role: u.role, mustChangePassword: u.mustChangePassword };
}

/**
 * Issue 16: consecutive failed sign-ins are counted per account (not per
 * client address, which a guesser can change), and an account that reaches
 * the limit is locked until `locked_until`. A success clears both.
 */
export const name = 'sign-in-lockout';

export const sql = /* sql */ `
ALTER TABLE staff ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;
`;

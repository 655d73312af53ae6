import argon2 from 'argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** How often argon2 ran in this process: lets tests assert that a refused request never reached it. */
export const argon2Runs = { hash: 0, verify: 0 };

export const hashPassword = (password: string) => {
  argon2Runs.hash++;
  return argon2.hash(password, OPTIONS);
};

export async function verifyPassword(hash: string, password: string) {
  argon2Runs.verify++;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the user does not exist keeps timing the same either way. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('not-a-real-password-0'));

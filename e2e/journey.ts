import { test } from 'vitest';

type Step = { title: string; run: () => Promise<void> };

/**
 * A user's journey whose steps build on each other (a nomination accepted, then assigned, then
 * scored…) as ONE test: a failure is one failure, named by its step, never a cascade of failures in
 * the tests after it, and `-t` runs the whole journey on its own. Steps are registered in order with
 * the function this returns; each keeps the time a test would have had.
 */
export function journey(name: string, options: { steps: number; stepTimeout?: number }) {
  const steps: Step[] = [];
  test(
    name,
    async () => {
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          if (error instanceof Error) error.message = `[${step.title}] ${error.message}`;
          throw error;
        }
      }
    },
    options.steps * (options.stepTimeout ?? 60_000),
  );
  return (title: string, run: () => Promise<void>) => {
    steps.push({ title, run });
  };
}

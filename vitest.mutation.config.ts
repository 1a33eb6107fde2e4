import { defineConfig } from 'vitest/config';

// The suite StrykerJS runs per mutant (`npm run mutation`: scripts/mutation.ts, stryker.config.json): the
// property files and the in-process tests of the mutated layers. Test files that run the compiled CLI are
// left out: they exercise dist/, which a mutant of src/ does not change, and Stryker's sandbox has no dist/.
export default defineConfig({
  test: {
    include: [
      'properties/**/*.prop.ts',
      'test/bounds/api.test.ts',
      'test/bounds/baseline-figures.test.ts',
      'test/bounds/budget-grid.test.ts',
      'test/bounds/closed-form.test.ts',
      'test/bounds/compression-readoff.test.ts',
      'test/bounds/compression-tail.test.ts',
      'test/bounds/dudley-values.test.ts',
      'test/bounds/extreme-budgets.test.ts',
      'test/bounds/quoted-figures.test.ts',
      'test/bounds/wide-budgets.test.ts',
      'test/constructions/certify-exact-widened.test.ts',
      'test/constructions/entry-points.test.ts',
      'test/constructions/libm-assumption.test.ts',
      'test/constructions/sign-hash-kernel.test.ts',
      'test/constructions/spec-schema.test.ts',
      'test/constructions/worked-examples.test.ts',
      'test/model/doc-definitions.test.ts',
      'test/model/large-model-file.test.ts',
      'test/model/reference-examples.test.ts',
      'test/core/*.test.ts',
      // Value tests written against surviving mutants: a second evaluation of a formula, or figures by hand.
      'test/bounds/values/*.test.ts',
      'test/constructions/values/*.test.ts',
      'test/model/values/*.test.ts',
    ],
    exclude: [
      'properties/alg-fused-cls-step.prop.ts',
      'properties/alg-sweep-runner.prop.ts',
      'properties/def-tfjs-export.prop.ts',
      'properties/def-run-store.prop.ts',
      'properties/alg-sample-complexity.prop.ts',
    ],
    // Each property runs at most 8 cases under mutation (test/helpers/fc-test.ts): a prefix of its seed's cases.
    // Instrumented code runs 20-40x slower, and at full numRuns the dry run alone took 6 min.
    env: { ATTN_MUTATION_MAX_RUNS: '8' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { definePrecisionRule } from '@otalint/core';

export default definePrecisionRule({
  path: 'awsJobAbortConfig.abortCriteriaList[].thresholdPercentage',
  meta: {
    id: 'abort-threshold-precision',
    description: '`abortCriteriaList[].thresholdPercentage` has at most two digits after the decimal point.',
    category: 'abort',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  places: 2,
  example: ['10.99', '10.999'],
});

import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unreviewed-partner-quote', {
  flagged: [{ name: 'their quote, unchecked', opportunity: { quoting: { by: 'partner', reviewedByUs: false } }, severity: 'medium', message: /we have not reviewed it/, evidence: ['opportunity.quoting.by', 'opportunity.quoting.reviewedByUs'] }],
  passed: [{ name: 'we quote', opportunity: { quoting: { by: 'us' } } }, { name: 'their quote, reviewed', opportunity: { quoting: { by: 'partner', reviewedByUs: true } } }],
  unknown: [{ name: 'their quote; review not known', opportunity: { quoting: { by: 'partner' } }, missing: ['opportunity.quoting.reviewedByUs'] }],
  notApplicable: [{ name: 'direct deal', direct: true, opportunity: { quoting: { by: 'us' } } }],
});

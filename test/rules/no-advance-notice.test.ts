import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('no-advance-notice', {
  flagged: [{ name: 'no advance-notice promise', partner: { agreement: { advanceNotice: false } }, severity: 'low', message: /not agreed to tell us in advance/, evidence: ['partner.agreement.advanceNotice'] }],
  passed: [{ name: 'promised', partner: { agreement: { advanceNotice: true } } }],
  unknown: [{ name: 'not known', partner: {}, missing: ['partner.agreement.advanceNotice'] }],
});

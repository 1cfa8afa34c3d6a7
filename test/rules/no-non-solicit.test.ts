import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('no-non-solicit', {
  flagged: [{ name: 'no non-solicit', partner: { agreement: { nonSolicit: false } }, severity: 'medium', message: /not agreed in writing not to take/, evidence: ['partner.agreement.nonSolicit'] }],
  passed: [{ name: 'signed', partner: { agreement: { nonSolicit: true } } }],
  unknown: [{ name: 'not known', partner: {}, missing: ['partner.agreement.nonSolicit'] }],
});

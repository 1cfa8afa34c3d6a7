import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('direct-customer-access', {
  flagged: [{ name: 'direct', partner: { control: { customerContact: 'direct' } }, severity: 'green', message: /directly/, evidence: ['partner.control.customerContact'] }],
  passed: [{ name: 'through the partner', partner: { control: { customerContact: 'through-partner' } } }],
  unknown: [{ name: 'not known', partner: {}, missing: ['partner.control.customerContact'] }],
});

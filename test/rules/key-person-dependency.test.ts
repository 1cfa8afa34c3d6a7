import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('key-person-dependency', {
  flagged: [{ name: 'one contact', partner: { keyPeople: { singleContact: true } }, severity: 'medium', message: /single person/, evidence: ['partner.keyPeople.singleContact'] }],
  passed: [{ name: 'several contacts', partner: { keyPeople: { singleContact: false } } }],
  unknown: [{ name: 'not known', partner: {}, missing: ['partner.keyPeople.singleContact'] }],
});

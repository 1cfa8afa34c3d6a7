import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('partner-controls-commercials', {
  flagged: [{ name: 'their price, their invoice, their customer', partner: { control: { pricing: 'partner', invoicing: 'partner', customerContact: 'through-partner' } }, severity: 'medium', message: /customer contact is: through-partner/, evidence: ['partner.control.pricing', 'partner.control.invoicing', 'partner.control.customerContact'] }],
  passed: [{ name: 'we set the price, whatever else', partner: { control: { pricing: 'us' } } }],
  unknown: [{ name: 'their price and invoice, contact not known', partner: { control: { pricing: 'partner', invoicing: 'partner' } }, missing: ['partner.control.customerContact'] }],
});

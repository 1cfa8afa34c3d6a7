import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('restricted-sale-pricing', {
  flagged: [{ name: 'sale pricing for select partners, not us', partner: { pricing: { promotionsLimitedToSelectPartners: true, promotionsAvailableToUs: false } }, severity: 'high', message: /few chosen partners, and not to us/, evidence: ['partner.pricing.promotionsLimitedToSelectPartners'] }],
  passed: [{ name: 'we get the promotions', partner: { pricing: { promotionsLimitedToSelectPartners: true, promotionsAvailableToUs: true } } }],
  unknown: [{ name: 'limited, and whether we are in is not known', partner: { pricing: { promotionsLimitedToSelectPartners: true } }, missing: ['partner.pricing.promotionsAvailableToUs'] }],
});

import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('asked-to-promote-competitors', {
  flagged: [{ name: 'asked to push a sale we cannot buy at', partner: { marketing: { asksUsToPromoteTheirOffers: true }, pricing: { promotionsAvailableToUs: false } }, severity: 'high', message: /push their offers to our customers/, evidence: ['partner.marketing.asksUsToPromoteTheirOffers'] }],
  passed: [{ name: 'no such ask', partner: { marketing: { asksUsToPromoteTheirOffers: false } } }],
  unknown: [{ name: 'asked, pricing access not known', partner: { marketing: { asksUsToPromoteTheirOffers: true } }, missing: ['partner.pricing.promotionsAvailableToUs'] }],
});

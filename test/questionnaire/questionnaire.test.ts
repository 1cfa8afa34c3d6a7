import { describe, expect, it } from 'vitest';
import { DONT_KNOW, questionFor } from '../../src/questionnaire/questions.js';
import { applyAnswers, keepOriginalSpacing } from '../../src/questionnaire/write-back.js';

describe('questions', () => {
  it('come from the field catalogue, in the form the schema takes', () => {
    expect(questionFor('partner.keyPeople.singleContact')).toMatchObject({ kind: 'choice', message: 'Does the whole relationship hang on one person at the partner?', choices: [{ name: 'Yes', value: true }, { name: 'No', value: false }, { name: "Don't know", value: DONT_KNOW }] });
    expect(questionFor('partner.sponsor.level')).toMatchObject({ kind: 'choice', choices: [{ value: 'c-level' }, { value: 'vp' }, { value: 'director' }, { value: 'manager' }, { value: 'none' }, { value: DONT_KNOW }] });
    expect(questionFor('opportunity.ask.tryAndBuy')).toMatchObject({ kind: 'choice', choices: [{ name: 'Yes', value: {} }, { name: 'No', value: false }, { value: DONT_KNOW }] });
    expect(questionFor('partner.conduct.escalations')).toMatchObject({ kind: 'choice', choices: [{ name: 'None', value: [] }, { value: DONT_KNOW }] });
  });

  it('validate numbers and dates as typed', () => {
    const count = questionFor('partner.conduct.failedTryAndBuys');
    if (count?.kind !== 'input') throw new Error('expected an input');
    expect(count.parse('3')).toEqual({ value: 3 });
    expect(count.parse('1.5')).toHaveProperty('error');
    expect(count.parse('many')).toEqual({ error: 'expected a whole number, as a plain number' });
    const date = questionFor('partner.reviewed');
    if (date?.kind !== 'input') throw new Error('expected an input');
    expect(date.parse('2026-11-01')).toEqual({ value: '2026-11-01' });
    expect(date.parse('2026-02-30')).toEqual({ error: 'expected a date as YYYY-MM-DD that exists on the calendar' });
  });
});

describe('writing answers back', () => {
  const text = '# notes\nversion: 1\npartner:\n  name: A    # the name\n  sponsor: { level: vp }\n  investments: [{ by: us, kind: capital, amount: 5 }]\n';

  it('changes only the answered keys, keeping comments, order and spacing', () => {
    const out = applyAnswers(text, [{ path: ['partner', 'sponsor', 'active'], value: false }, { path: ['partner', 'keyPeople', 'singleContact'], value: true }]);
    expect(out).toBe('# notes\nversion: 1\npartner:\n  name: A    # the name\n  sponsor: { level: vp, active: false }\n  investments: [{ by: us, kind: capital, amount: 5 }]\n  keyPeople:\n    singleContact: true\n');
  });

  it('writes into the partner\'s document of a file with several', () => {
    const multi = 'version: 1\nopportunity: { name: D, partner: a }\n---\nversion: 1\npartner: { name: A }\n';
    expect(applyAnswers(multi, [{ path: ['partner', 'owner'], value: 'ceo' }])).toBe('version: 1\nopportunity: { name: D, partner: a }\n---\nversion: 1\npartner: { name: A, owner: ceo }\n');
  });

  it('keeps the original of every line that differs only in spacing', () => {
    expect(keepOriginalSpacing('a:  1   # x\nb: [ 1 ]\n', 'a: 1 # x\nb: [1]\nc: 2\n')).toBe('a:  1   # x\nb: [ 1 ]\nc: 2\n');
  });
});

describe('required fields', () => {
  it('have no "don\'t know" and need an answer', () => {
    const name = questionFor('partner.name', { required: true });
    expect(name).toMatchObject({ kind: 'input', required: true, message: 'What is the partner called?' });
    const amount = questionFor('partner.investments[].amount', { required: true });
    expect(amount).toMatchObject({ kind: 'input', required: true, message: 'How much was it (a plain number)?' });
    expect(questionFor('partner.investments[].by', { required: true })).toMatchObject({ kind: 'choice', choices: [{ value: 'us' }, { value: 'partner' }] });
  });
});

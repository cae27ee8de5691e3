import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, ValidateNested, validateSync } from 'class-validator';
import { EDGE_VALIDATION } from './validation.pipe.js';
import { rememberValidationMetadata } from './validation-metadata.js';

class Receipt {
  @IsString()
  receiptNo: string;
}

class PaidVisit {
  @ValidateNested()
  receipt: Receipt;
}

const failedProperties = (object: object): string[] => validateSync(object, EDGE_VALIDATION).map((error) => error.property);

describe('rememberValidationMetadata', () => {
  it('checks every object as before, and sees the rules of a class defined, or a rule added, after the first check', () => {
    rememberValidationMetadata();
    rememberValidationMetadata();
    expect(failedProperties(Object.assign(new Receipt(), { receiptNo: 'KWJ1-000001' }))).toEqual([]);
    expect(failedProperties(Object.assign(new Receipt(), { receiptNo: 7, extra: true }))).toEqual(['extra', 'receiptNo']);

    class PaidReceipt extends Receipt {
      @IsInt()
      amount: number;
    }
    expect(failedProperties(Object.assign(new PaidReceipt(), { receiptNo: 'KWJ1-000002', amount: 1.5 }))).toEqual(['amount']);
    expect(failedProperties(Object.assign(new PaidReceipt(), { receiptNo: 3, amount: 10 }))).toEqual(['receiptNo']);
    expect(failedProperties(Object.assign(new Receipt(), { receiptNo: 'KWJ1-000003', amount: 10 }))).toEqual(['amount']);

    const visit = (receipt: object) => Object.assign(new PaidVisit(), { receipt: Object.assign(new Receipt(), receipt) });
    expect(failedProperties(visit({ receiptNo: 'KWJ1-000004' }))).toEqual([]);
    expect(failedProperties(visit({ receiptNo: 4, note: 'x' }))).toEqual(['receipt']);

    IsInt()(Receipt.prototype, 'amount');
    expect(failedProperties(Object.assign(new Receipt(), { receiptNo: 'KWJ1-000005', amount: 10 }))).toEqual([]);
  });
});

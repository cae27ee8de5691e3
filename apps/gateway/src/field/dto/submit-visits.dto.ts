import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject } from 'class-validator';
import { VisitDto } from './visit.dto.js';

/**
 * Up to fifty visits. Each is checked on its own, so one malformed visit does
 * not hold back the others: the envelope's check builds each visit's object
 * (the one conversion of the body) but checks only the envelope.
 */
export class SubmitVisitsDto {
  @ApiProperty({ type: [VisitDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each visit must be an object' })
  @Type(() => VisitDto)
  visits: object[];
}

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { ApiOkResponse, ApiResponse, DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { PROBLEM_CODES, VISIT_ISSUE_CODES, VISIT_OUTCOME_STATUSES } from '#libs/contract';
import { ProblemDto } from '#libs/http';
import { SubmitVisitsReplyDto } from './field/dto/visit-results.dto.js';

@Controller('probe')
class ProbeController {
  @Get()
  @ApiOkResponse({ type: SubmitVisitsReplyDto })
  @ApiResponse({ status: 400, type: ProblemDto })
  answer(): void {}
}

describe('the OpenAPI enums of problems and visit results', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  });

  afterAll(() => app.close());

  it.each([
    ['ProblemCode', PROBLEM_CODES],
    ['VisitIssueCode', VISIT_ISSUE_CODES],
    ['VisitOutcomeStatus', VISIT_OUTCOME_STATUSES],
  ])('documents %s as the list the contract defines', (name, values) => {
    expect(document.components?.schemas?.[name]).toMatchObject({ type: 'string', enum: [...values] });
  });

  it('refers to those enums from the problem code and the visit result fields', () => {
    const schemas = document.components?.schemas as Record<string, { properties: Record<string, unknown> }>;
    expect(schemas.ProblemDto.properties.code).toMatchObject({ allOf: [{ $ref: '#/components/schemas/ProblemCode' }] });
    expect(schemas.VisitIssueDto.properties.code).toMatchObject({ allOf: [{ $ref: '#/components/schemas/VisitIssueCode' }] });
    expect(schemas.VisitResultDto.properties.status).toMatchObject({ allOf: [{ $ref: '#/components/schemas/VisitOutcomeStatus' }] });
  });
});

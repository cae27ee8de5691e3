import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the app's OpenAPI document at /docs (explorer) and /docs-json, built from its decorators. */
export function publishOpenApi(app: INestApplication, info: { title: string; description: string }): void {
  const document = new DocumentBuilder().setTitle(info.title).setDescription(info.description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
}

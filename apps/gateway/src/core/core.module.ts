import { Module } from '@nestjs/common';
import { CoreErrorsExportService } from './core-errors-export.service.js';
import { CoreLoadsController } from './core-loads.controller.js';
import { CoreUploadService } from './core-upload.service.js';

/** `/api/v1/core/...`: the core bridge for admins. */
@Module({
  controllers: [CoreLoadsController],
  providers: [CoreUploadService, CoreErrorsExportService],
})
export class CoreModule {}

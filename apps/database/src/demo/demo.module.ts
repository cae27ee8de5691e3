import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module.js';
import { DemoDataSeeder } from './demo-data.seeder.js';

@Module({ imports: [CoreModule], providers: [DemoDataSeeder] })
export class DemoModule {}

import { DataSource } from 'typeorm';
import { loadConfig } from '#libs/config';
import { dataSourceOptions } from '#libs/entities';

/** The TypeORM CLI's view of the staging database, from the same environment the services read. */
export default new DataSource(dataSourceOptions(loadConfig()));

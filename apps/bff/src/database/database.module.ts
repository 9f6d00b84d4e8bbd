import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { guardDataSource } from './database-guard';

/** TypeORM for the BFF and the workers: the one DataSource, with every wait on the database bounded. */
export function databaseModule(config: AppConfig) {
  return TypeOrmModule.forRootAsync({
    useFactory: () => dataSourceOptions(config),
    dataSourceFactory: async (options) => guardDataSource(await new DataSource(options!).initialize(), config.db),
  });
}

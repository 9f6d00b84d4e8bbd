import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { Categories1764201600001 } from './1764201600001-categories';
import { Notifications1764300000500 } from './1764300000500-notifications';

/** Every migration, in order. New ones are appended here as class references. */
export const MIGRATIONS = [InitialSchema1764201600000, Categories1764201600001, Notifications1764300000500];

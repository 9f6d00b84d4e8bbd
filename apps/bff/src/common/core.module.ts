import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';

/** Config and clock for everyone. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({ global: true, secret: config.jwt.secret, signOptions: { expiresIn: config.jwt.ttlSeconds } })],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: Clock, useValue: clock }],
      exports: [APP_CONFIG, Clock],
    };
  }
}

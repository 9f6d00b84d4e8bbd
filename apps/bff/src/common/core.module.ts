import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { Metrics } from '../observability/metrics';

/** Config, clock and metrics for everyone. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock(), metrics: Metrics = new Metrics({ defaults: false })): DynamicModule {
    return {
      module: CoreModule,
      imports: [JwtModule.register({
        global: true, secret: config.jwt.secret,
        // Pinned: a token naming another algorithm (none, RS256 with our secret as a public key …) is refused.
        signOptions: { expiresIn: config.jwt.ttlSeconds, algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] },
      })],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: Clock, useValue: clock }, { provide: Metrics, useValue: metrics }],
      exports: [APP_CONFIG, Clock, Metrics],
    };
  }
}

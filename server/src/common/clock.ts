import { Injectable } from '@nestjs/common';

/** The time source of the service; tests and the demo replace it to move through days. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that stays where it is set. */
export class FixedClock extends Clock {
  constructor(private instant: number) {
    super();
  }

  override now(): number {
    return this.instant;
  }

  set(instant: number): void {
    this.instant = instant;
  }
}

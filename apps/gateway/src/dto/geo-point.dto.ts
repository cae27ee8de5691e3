import { ApiProperty } from '@nestjs/swagger';
import type { GeoPoint } from '#libs/contract';

/** A position in decimal degrees (WGS 84). */
export class GeoPointDto implements GeoPoint {
  @ApiProperty({ example: -6.175392 })
  lat: number;

  @ApiProperty({ example: 106.827153 })
  lng: number;
}

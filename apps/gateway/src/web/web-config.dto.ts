import { ApiProperty } from '@nestjs/swagger';

export class WebConfigDto {
  @ApiProperty({ nullable: true, type: String, description: 'Leaflet tile URL template (MAP_TILE_URL); null: no tiles, markers on a plain background' })
  mapTileUrl: string | null;

  @ApiProperty({ example: 'Asia/Jakarta', description: 'The time zone of the work day (WORK_TIMEZONE); branches have no zone of their own' })
  workTimeZone: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The company logo, versioned by its content; null when none was uploaded or the media service is down',
  })
  logoUrl: string | null;
}

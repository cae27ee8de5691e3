import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'collector1' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'Demo-1234', format: 'password' })
  @IsString()
  @Length(1, 128)
  password: string;

  @ApiPropertyOptional({ description: "The phone's Android ID; required for collectors", example: 'a1b2c3d4e5f60718' })
  @IsOptional()
  @IsString()
  @Length(4, 128)
  deviceId?: string;

  @ApiPropertyOptional({ example: 'Samsung SM-A125F' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  deviceModel?: string;

  @ApiPropertyOptional({ description: 'Android API level; 23 (Android 6.0) or newer. Required for collectors', example: 29 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  androidSdk?: number;

  @ApiPropertyOptional({ description: "The installed app's versionCode. Required for collectors", example: 42 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_100_000_000)
  appVersionCode?: number;
}

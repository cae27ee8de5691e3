import { ApiProperty } from '@nestjs/swagger';
import type {
  CollectorProgress,
  CollectorRef,
  PhotoAssessment,
  PhotoEvidence,
  Position,
  ProgressReply,
  PromiseDue,
  VisitDetail,
  VisitPhotoView,
  VisitSummary,
} from '#libs/contract';
import { GeoPointDto } from '../../dto/geo-point.dto.js';

export class CollectorRefDto implements CollectorRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
}

export class ProgressCollectorDto extends CollectorRefDto {
  @ApiProperty() active: boolean;
}

export class PositionDto extends GeoPointDto implements Position {
  @ApiProperty({ nullable: true, type: Number, description: 'Metres' }) accuracy: number | null;
}

export class LastPositionDto extends PositionDto {
  @ApiProperty({ description: 'When the collector was there (the visit time)' }) at: string;
}

export class CollectorProgressDto implements CollectorProgress {
  @ApiProperty({ type: ProgressCollectorDto }) collector: ProgressCollectorDto;
  @ApiProperty({ example: 'JKT01' }) branchCode: string;
  @ApiProperty({ description: 'Accounts on the LKH of the day' }) assigned: number;
  @ApiProperty({ description: 'Assignments with at least one visit' }) visited: number;
  @ApiProperty({ description: 'Visits recorded, revisits included' }) visits: number;
  @ApiProperty({ description: 'Rupiah' }) paidAmount: number;
  @ApiProperty({ description: 'Rupiah' }) promisedAmount: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { PAID: 3, PTP: 2 } }) visitsByResult: Record<string, number>;
  @ApiProperty({ nullable: true, type: Number, description: 'Visits of the day still waiting for some of their photos; null while the photo service is down' })
  visitsMissingPhotos: number | null;
  @ApiProperty({ nullable: true, type: String }) lastSyncAt: string | null;
  @ApiProperty({ type: LastPositionDto, nullable: true }) lastPosition: LastPositionDto | null;
}

export class ProgressReplyDto implements ProgressReply {
  @ApiProperty({ example: '2026-11-28' }) workDate: string;
  @ApiProperty({ type: [CollectorProgressDto] }) collectors: CollectorProgressDto[];
}

export class VisitAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() contractNo: string;
  @ApiProperty() debtorName: string;
}

export class PaymentDto {
  @ApiProperty({ description: 'Rupiah' }) amount: number;
  @ApiProperty({ example: 'KWJ1000001' }) receiptNo: string;
}

export class PromiseDto {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ description: 'Rupiah' }) amount: number;
}

class VisitBaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() workDate: string;
  @ApiProperty() visitedAt: string;
  @ApiProperty() receivedAt: string;
  @ApiProperty() resultCode: string;
  @ApiProperty() branchCode: string;
  @ApiProperty({ type: CollectorRefDto }) collector: CollectorRefDto;
  @ApiProperty({ type: PaymentDto, nullable: true }) payment: PaymentDto | null;
  @ApiProperty({ type: PromiseDto, nullable: true }) promise: PromiseDto | null;
  @ApiProperty({ type: PositionDto, nullable: true }) location: PositionDto | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class VisitSummaryDto extends VisitBaseDto implements VisitSummary {
  @ApiProperty({ type: VisitAccountDto }) account: VisitAccountDto;
  @ApiProperty() photosExpected: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Expected photos not yet received from the collector; null while the photo service is down' })
  photosMissing: number | null;
}

export class VisitAccountDetailDto extends VisitAccountDto {
  @ApiProperty() address: string;
  @ApiProperty() phone: string;
  @ApiProperty() installmentAmount: number;
  @ApiProperty() amountDue: number;
  @ApiProperty() overdueDays: number;
  @ApiProperty() outstanding: number;
}

export class PhotoEvidenceDto implements PhotoEvidence {
  @ApiProperty() sha256: string;
  @ApiProperty({ example: 'image/jpeg' }) type: string;
  @ApiProperty() size: number;
  @ApiProperty({ nullable: true, type: String, description: 'EXIF time' }) takenAt: string | null;
  @ApiProperty({ type: GeoPointDto, nullable: true, description: 'EXIF GPS' }) gps: GeoPointDto | null;
  @ApiProperty() receivedAt: string;
}

export class PhotoAssessmentDto implements PhotoAssessment {
  @ApiProperty({ nullable: true, type: Number, description: "Metres between the photo's EXIF position and the visit's GPS" }) distanceM: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "Minutes between the photo's EXIF time and the visit's time" }) timeGapMinutes: number | null;
  @ApiProperty({ description: 'Taken farther than PHOTO_MAX_DISTANCE_M (default 500 m) from the visit' }) farFromVisit: boolean;
  @ApiProperty({ description: 'Taken more than PHOTO_MAX_TIME_GAP_MINUTES (default 2 h) from the visit' }) longFromVisit: boolean;
}

export class VisitPhotoDto implements VisitPhotoView {
  @ApiProperty({ description: 'SHA-256 of the photo the visit expects' }) sha256: string;
  @ApiProperty() position: number;
  @ApiProperty({ type: PhotoEvidenceDto, nullable: true, description: 'null while the photo has not arrived' }) received: PhotoEvidenceDto | null;
  @ApiProperty({ type: PhotoAssessmentDto, nullable: true, description: "The photo's EXIF against the visit's time and GPS; null until it arrived" })
  assessment: PhotoAssessmentDto | null;
}

export class VisitDetailDto extends VisitBaseDto implements VisitDetail {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() resultLabel: string;
  @ApiProperty({ type: VisitAccountDetailDto }) account: VisitAccountDetailDto;
  @ApiProperty({ type: [VisitPhotoDto] }) photos: VisitPhotoDto[];
  @ApiProperty({ description: 'False when the photo service could not be asked: `received` is then unknown' }) photosChecked: boolean;
}

export class PromiseAccountDto extends VisitAccountDto {
  @ApiProperty() address: string;
  @ApiProperty() phone: string;
}

export class PromiseDueDto implements PromiseDue {
  @ApiProperty({ format: 'uuid' }) visitId: string;
  @ApiProperty({ example: '2026-12-01' }) promisedDate: string;
  @ApiProperty({ description: 'Rupiah' }) amount: number;
  @ApiProperty({ description: 'When the promise was made (the visit time)' }) madeAt: string;
  @ApiProperty() branchCode: string;
  @ApiProperty({ type: CollectorRefDto }) collector: CollectorRefDto;
  @ApiProperty({ type: PromiseAccountDto }) account: PromiseAccountDto;
}

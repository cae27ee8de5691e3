import { BaseRpcContext, type PacketMetadata } from '@nestjs/microservices';

type InprocContextArgs = [pattern: string, metadata: PacketMetadata | undefined];

/** The RPC context of a message delivered inside the process. */
export class InprocContext extends BaseRpcContext<InprocContextArgs> {
  getPattern(): string {
    return this.args[0];
  }

  getMetadata(): PacketMetadata | undefined {
    return this.args[1];
  }
}

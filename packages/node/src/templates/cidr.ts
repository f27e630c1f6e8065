/**
 * `Fn::Cidr`: `count` consecutive subnets of `2^cidrBits` addresses each, carved from the start
 * of an IPv4 block, as CloudFormation computes them. IPv6 blocks are not supported offline.
 */

/** The subnets, or why they cannot be made. */
export function cidrBlocks(block: string, count: number, cidrBits: number): string[] | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block);
  if (!match) return `'${block}' is not an IPv4 CIDR block (IPv6 is not supported offline)`;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32) return `'${block}' is not an IPv4 CIDR block`;
  const subnetPrefix = 32 - cidrBits;
  if (!Number.isInteger(count) || count < 1 || count > 256) return 'count must be from 1 to 256';
  if (!Number.isInteger(cidrBits) || subnetPrefix < prefix) return `cidrBits ${cidrBits} does not fit in /${prefix}`;
  if (count > 2 ** (subnetPrefix - prefix)) return `/${prefix} holds fewer than ${count} subnets of /${subnetPrefix}`;
  const base =
    octets.reduce((sum, octet) => sum * 256 + octet, 0) & (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
  const size = 2 ** cidrBits;
  return Array.from({ length: count }, (_, i) => {
    const address = (base >>> 0) + i * size;
    const parts = [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256);
    return `${parts.join('.')}/${subnetPrefix}`;
  });
}

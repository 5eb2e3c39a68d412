import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonDelivery, completeDelivery, deliveryFor, type Delivery, type DeliveryRequest } from './exportDelivery';
import { ExportDownloads } from './exportDownloads';

describe('delivering an export (real files)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sextant-delivery-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = (target: DeliveryRequest['target'], choose?: DeliveryRequest['choose']): DeliveryRequest => ({
    exportId: 'e1',
    target,
    choose,
    suggestedName: () => 'Trips.csv',
    extension: '.csv',
    downloadDir: join(dir, 'exports'),
    dataDir: join(dir, 'data'),
  });
  const settled = async (r: DeliveryRequest): Promise<Delivery | undefined> => {
    const d = await deliveryFor(r);
    if (!d.ok) throw new Error(d.error.message);
    return d.value;
  };

  it('given a path, writes beside it and renames into place: the outcome names the path', async () => {
    const path = join(dir, 'out.csv');
    const delivery = (await settled(request({ kind: 'file', path })))!;
    writeFileSync(delivery.temp, 'a\n1\n');
    expect(existsSync(path)).toBe(false);
    const downloads = new ExportDownloads();
    expect(await completeDelivery(delivery, downloads, 'csv')).toEqual({ bytes: 4, target: path });
    expect(readFileSync(path, 'utf8')).toBe('a\n1\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    expect(downloads.take('e1')).toBeUndefined();
  });

  it('for a browser, the file waits in the downloads folder under its id, offered once under the suggested name', async () => {
    const delivery = (await settled(request({ kind: 'download' })))!;
    writeFileSync(delivery.temp, 'a\n');
    const downloads = new ExportDownloads();
    expect(await completeDelivery(delivery, downloads, 'csv')).toEqual({ bytes: 2, target: 'download', download: { url: '/exports/e1', fileName: 'Trips.csv' } });
    expect(downloads.take('e1')).toEqual({ exportId: 'e1', path: join(dir, 'exports', 'e1.csv'), fileName: 'Trips.csv', format: 'csv' });
    await downloads.close();
  });

  it('the save dialog is offered the suggested name; dismissing it settles on no delivery', async () => {
    const offered: string[] = [];
    const dismissed = await settled(request({ kind: 'saveDialog' }, (name) => (offered.push(name), Promise.resolve(undefined))));
    expect(dismissed).toBeUndefined();
    expect(offered).toEqual(['Trips.csv']);
  });

  it('a window without a save dialog is told to download instead', async () => {
    const d = await deliveryFor(request({ kind: 'saveDialog' }));
    expect(!d.ok && d.error.code).toBe('EXPORT_UNAVAILABLE');
  });

  it('an abandoned export leaves nothing behind', async () => {
    const delivery = (await settled(request({ kind: 'file', path: join(dir, 'out.csv') })))!;
    writeFileSync(delivery.temp, 'half');
    await abandonDelivery(delivery);
    await abandonDelivery(delivery); // twice, or with nothing written: still quiet
    expect(readdirSync(dir)).toEqual([]);
  });
});

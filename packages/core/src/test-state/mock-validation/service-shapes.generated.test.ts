import { describe, expect, it } from 'vitest';
import {
  findBotocoreData,
  generateServiceShapesSource,
  GENERATED_SHAPES_FILE,
} from '../../../scripts/generate-service-shapes.js';

const botocoreData = findBotocoreData();

describe('the generated service shapes', () => {
  // Fails when SERVICE_OPERATIONS or the models changed and the file was not regenerated:
  // `npm run generate:service-shapes`. Needs botocore's models (python3 -m pip install botocore, or Debian's python3-botocore).
  it.skipIf(botocoreData === undefined)('are up to date with the service models', async () => {
    await expect(generateServiceShapesSource(botocoreData!)).toMatchFileSnapshot(`./${GENERATED_SHAPES_FILE}`);
  });
});

/**
 * Pictures made in the page for the fit tests: photo-like (smooth light, edges and fine grain, so
 * it compresses as a camera photo does) and noise (as incompressible as an image gets), both
 * deterministic.
 */
import { canvasBlob } from './images.js';

/** Fills `data` with deterministic pseudo-random bytes (fast enough for tens of megabytes). */
export function noise(data: Uint8ClampedArray, seed: number, opaque: boolean): void {
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = opaque && i % 4 === 3 ? 255 : x & 0xff;
  }
}

/**
 * A photo-like JPEG: warm red on the left fading to blue on the right, soft shapes, and grain (a
 * noise tile drawn faintly over it). About 0.3 byte per pixel at quality 0.92, as phone photos are.
 */
export async function photoLikeJpeg(width: number, height: number, quality = 0.92): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const light = context.createLinearGradient(0, 0, width, 0);
  light.addColorStop(0, '#c83a28');
  light.addColorStop(0.45, '#d8a060');
  light.addColorStop(0.55, '#7090b0');
  light.addColorStop(1, '#2444b8');
  context.fillStyle = light;
  context.fillRect(0, 0, width, height);
  // Soft shapes with edges, as objects in a scene.
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 60; i++) {
    const x = next() * width;
    const y = next() * height;
    const r = (0.02 + next() * 0.06) * Math.min(width, height);
    const shape = context.createRadialGradient(x, y, r * 0.2, x, y, r);
    shape.addColorStop(0, `rgba(${(next() * 255) | 0},${(next() * 255) | 0},${(next() * 255) | 0},0.55)`);
    shape.addColorStop(1, 'rgba(0,0,0,0)');
    context.fillStyle = shape;
    context.fillRect(x - r, y - r, 2 * r, 2 * r);
  }
  // Grain: a noise tile, faint, repeated over the picture.
  const tile = document.createElement('canvas');
  tile.width = tile.height = 256;
  const tileContext = tile.getContext('2d') as CanvasRenderingContext2D;
  const grain = tileContext.createImageData(256, 256);
  noise(grain.data, 3, true);
  tileContext.putImageData(grain, 0, 0);
  context.globalAlpha = 0.12;
  context.fillStyle = context.createPattern(tile, 'repeat') as CanvasPattern;
  context.fillRect(0, 0, width, height);
  const blob = await canvasBlob(canvas, 'image/jpeg', quality);
  canvas.width = canvas.height = 0;
  return blob;
}

/** A JPEG of random pixels: about 2 bytes per pixel at quality 0.92, the worst case for a fit. */
export async function noiseJpeg(width: number, height: number, quality = 0.92): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const bandHeight = Math.min(height, 500);
  const band = context.createImageData(width, bandHeight);
  for (let y = 0; y < height; y += bandHeight) {
    noise(band.data, y + 1, true);
    context.putImageData(band, 0, y);
  }
  const blob = await canvasBlob(canvas, 'image/jpeg', quality);
  canvas.width = canvas.height = 0;
  return blob;
}

/** A PNG (or `type`) of random pixels: it cannot be compressed, so its size is about width × height × 3 (or 4). */
export async function noisePng(width: number, height: number, opaque = true, type = 'image/png'): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const image = context.createImageData(width, height);
  noise(image.data, width, opaque);
  context.putImageData(image, 0, 0);
  const blob = await canvasBlob(canvas, type);
  canvas.width = canvas.height = 0;
  return blob;
}

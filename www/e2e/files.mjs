// Real KYC test files: a well-formed multi-page PDF written here (correct xref offsets), and
// JPEG/PNG images encoded by Chromium's own encoders from a noisy canvas (noise keeps them large).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { outDir } from "./harness.mjs";

/** A valid PDF with `pages` pages whose text stream is padded to reach at least `minBytes`. */
export function pdf({ pages = 1, minBytes = 40_000 } = {}) {
  const objects = [];
  const pageIds = [];
  const perPage = Math.ceil(minBytes / pages);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  let next = 4;
  for (let i = 0; i < pages; i++) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    const lines = [`BT /F1 18 Tf 72 720 Td (Identity document, page ${i + 1}) Tj ET`];
    let y = 690;
    let n = 0;
    while (lines.join("\n").length < perPage) {
      lines.push(`BT /F1 6 Tf 72 ${y} Td (sample line ${n++} ${"0123456789abcdef".repeat(6)}) Tj ET`);
      y = y <= 40 ? 690 : y - 8;
    }
    const stream = lines.join("\n");
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`;
  }
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pages} >>`;
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** An image encoded by Chromium: `type` image/jpeg or image/png, a `size`×`size` noisy canvas. */
export async function image(page, type, size) {
  const base64 = await page.evaluate(
    async ({ type, size }) => {
      const canvas = document.createElement("canvas");
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext("2d");
      const data = ctx.createImageData(size, size);
      let seed = 12345;
      for (let i = 0; i < data.data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        data.data[i] = seed & 255;
        data.data[i + 1] = (seed >> 8) & 255;
        data.data[i + 2] = (seed >> 16) & 255;
        data.data[i + 3] = 255;
      }
      ctx.putImageData(data, 0, 0);
      ctx.fillStyle = "#fff";
      ctx.fillRect(10, 10, size / 2, 30);
      ctx.fillStyle = "#000";
      ctx.font = "20px sans-serif";
      ctx.fillText("ID card", 16, 32);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, 0.92));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { type, size },
  );
  return Buffer.from(base64, "base64");
}

/** Writes `bytes` under test-output/e2e/files/ and returns the path (setInputFiles reads real files). */
export function writeFile(name, bytes) {
  const dir = join(outDir, "files");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** The accepted and rejected files the KYC tests upload. Needs a page (any) for the image encoders. */
export async function kycFiles(page) {
  const jpeg = await image(page, "image/jpeg", 320);
  const png = await image(page, "image/png", 200);
  const smallPng = await image(page, "image/png", 24);
  const files = {
    pdf: writeFile("passport.pdf", pdf({ pages: 2, minBytes: 40_000 })),
    jpeg: writeFile("id-front.jpg", jpeg),
    png: writeFile("id-back.png", png),
    // A text file named like a PDF: refused by its bytes, not its name.
    wrongType: writeFile("scan.pdf", Buffer.from("This is not a PDF at all.\n".repeat(2000))),
    tooSmall: writeFile("thumbnail.png", smallPng),
    sizes: { jpeg: jpeg.length, png: png.length, smallPng: smallPng.length },
  };
  files.sixPages = Array.from({ length: 6 }, (_, i) => writeFile(`page-${i + 1}.pdf`, pdf({ pages: 1, minBytes: 33_000 + i })));
  return files;
}

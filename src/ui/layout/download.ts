// Turns bytes into a file download (an object URL on a temporary link), as the browser offers one.
import type { Download } from "../../app/transfer";

export function saveDownload(file: Download): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a later revoke frees the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "14:05" today, "22 Nov 14:05" on another day: when a playground or a step last changed. */
export function whenText(time: number, now = Date.now()): string {
  const date = new Date(time);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const clock = date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return sameDay ? clock : `${date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" })} ${clock}`;
}

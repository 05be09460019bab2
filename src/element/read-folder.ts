/**
 * The files of a dropped folder, one level deep, loaded by import() the first time a folder is
 * dropped (most pages never see one): a folder inside it (or a folder that cannot be read) comes
 * back as a stand-in from `folderFile`, rejected with reason `folder`, so nothing is lost silently.
 * `readEntries` answers in batches (100 in Chromium): it is called until it gives none. This part
 * imports nothing from the element's module (`folderFile` is passed in), or the bundler would cut
 * that module in two.
 */
export async function readFolder(folder: FileSystemDirectoryEntry, folderFile: (name: string) => File): Promise<File[]> {
  const files: File[] = [];
  try {
    const reader = folder.createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) return files;
      for (const entry of batch) {
        files.push(
          entry.isFile
            ? await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
            : folderFile(entry.name),
        );
      }
    }
  } catch {
    // What was read is kept; the rest of the folder is said to be not added.
    return [...files, folderFile(folder.name)];
  }
}

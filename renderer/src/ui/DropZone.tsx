import { useRef, useState, type ReactNode } from 'react';

/**
 * A place to drop files or choose them: it shows when files are dragged over it, and keeps a dropped file from
 * reaching the window's own drop (which reads one image). `children` gets the function that opens the file
 * chooser, for the zone's own button.
 */
export function DropZone({
  className,
  label,
  accept,
  multiple = false,
  onFiles,
  children,
}: {
  className?: string;
  /** Names the hidden file chooser for automation (tests hand it files); people use the zone's own button. */
  label: string;
  accept?: string | undefined;
  multiple?: boolean;
  onFiles: (files: File[]) => void;
  children: (choose: () => void) => ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={[className, 'drop-zone', over && 'over'].filter(Boolean).join(' ')}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
      }}
    >
      {/* Out of the page's tree for the keyboard and screen readers (hidden): the zone's own button opens it, so
          it would only be read as a second "Choose file…". A click from script still opens the chooser. */}
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        tabIndex={-1}
        aria-label={label}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      {children(() => input.current?.click())}
    </div>
  );
}

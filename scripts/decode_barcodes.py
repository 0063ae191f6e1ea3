#!/usr/bin/env python3
"""Decode every barcode in PNG images with zxing-cpp and print a JSON list.

Usage: decode_barcodes.py PATH [PATH ...]
  PATH is a PNG file or a folder (its *.png files, sorted, are read).

Output (stdout): [{"file": "<path>", "format": "<QRCode|Code128|...>", "text": "<decoded>"}, ...]
One entry per barcode found; images with none contribute nothing.

Needs: pip install zxing-cpp pillow   (numpy is optional)
Exit status: 0 on success, 2 when a dependency is missing, 1 on a bad argument.
"""
import json
import os
import sys


def main(argv):
    try:
        import zxingcpp
        from PIL import Image
    except ImportError as error:
        print(f"decode_barcodes.py: missing Python package ({error}); "
              "install with: python3 -m pip install zxing-cpp pillow", file=sys.stderr)
        return 2
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 1

    files = []
    for path in argv[1:]:
        if os.path.isdir(path):
            files.extend(os.path.join(path, name) for name in sorted(os.listdir(path))
                         if name.lower().endswith(".png"))
        elif os.path.isfile(path):
            files.append(path)
        else:
            print(f"decode_barcodes.py: no such file or folder: {path}", file=sys.stderr)
            return 1

    results = []
    for file in files:
        with Image.open(file) as image:
            gray = image.convert("L")
            for barcode in zxingcpp.read_barcodes(gray):
                results.append({
                    "file": file,
                    "format": barcode.format.name,
                    "text": barcode.text,
                })
    json.dump(results, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Makes a CUDA wheel small enough to carry to a lent GPU machine (64 MiB per call), for one chip.

spconv-cu126's wheel is 70 MB: its extension holds 270 MB of device code, the kernels compiled for
every SM from 5.0 to 9.0 plus PTX. The driver loads the cubin of the GPU's own SM and reads only
the headers of the other entries, so this blanks (zeroes) every other entry's payload, keeping the
headers, offsets and sizes as they were, and repacks the wheel: zeros compress to almost nothing.
The wheel's RECORD is rewritten with the new hashes. Only for benchmarking on that one chip: the
slimmed wheel fails on any other GPU.

    python3 bench/slim_cuda_wheel.py spconv_cu126-2.3.8-...whl --sm 90 -o .whl/

The fatbinary layout used (NVIDIA does not document it; read from the files): a container
header (magic 0xBA55ED50, u16 version, u16 header size, u64 size of the entries), then entries,
each a header (u16 kind: 1 PTX, 2 cubin; u16; u32 header size; u64 payload size; ...; u32 SM at
offset 28) followed by its payload.
"""
import argparse
import base64
import hashlib
import os
import struct
import sys
import zipfile

FATBIN_MAGIC = struct.pack('<I', 0xBA55ED50)
KIND_CUBIN = 2


def blank_foreign_entries(data: bytearray, keep_sm: int):
    """Zeroes the payload of every fatbin entry but the cubins for keep_sm; returns
    (entries kept, entries blanked, bytes blanked)."""
    kept = blanked = blanked_bytes = 0
    at = data.find(FATBIN_MAGIC)
    while at != -1:
        _, _, header_size, entries_size = struct.unpack_from('<IHHQ', data, at)
        p, end = at + header_size, at + header_size + entries_size
        if end > len(data):
            raise ValueError(f'fatbin at {at:#x} runs past the end of the file')
        while p < end:
            kind, _, entry_header, payload = struct.unpack_from('<HHIQ', data, p)
            sm = struct.unpack_from('<I', data, p + 28)[0]
            start = p + entry_header
            if entry_header < 32 or start + payload > end:
                raise ValueError(f'fatbin entry at {p:#x} is not in the expected layout')
            if kind == KIND_CUBIN and sm == keep_sm:
                kept += 1
            else:
                data[start:start + payload] = bytes(payload)
                blanked += 1
                blanked_bytes += payload
            p = start + payload
        at = data.find(FATBIN_MAGIC, end)
    return kept, blanked, blanked_bytes


def record_line(name, content):
    digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b'=').decode()
    return f'{name},sha256={digest},{len(content)}'


def slim(wheel, keep_sm, out_dir):
    out = os.path.join(out_dir, os.path.basename(wheel))
    if os.path.abspath(out) == os.path.abspath(wheel):
        sys.exit('the output would overwrite the input wheel: give another -o')
    with zipfile.ZipFile(wheel) as src:
        files = {i.filename: src.read(i) for i in src.infolist()}
    total_kept = 0
    for name, content in files.items():
        if name.endswith('.so') or '.so.' in name:
            data = bytearray(content)
            kept, blanked, nbytes = blank_foreign_entries(data, keep_sm)
            if blanked:
                print(f'{name}: kept {kept} sm_{keep_sm} cubins, blanked {blanked} other entries '
                      f'({nbytes / 1e6:.1f} MB)')
                files[name] = bytes(data)
                total_kept += kept
    if total_kept == 0:
        sys.exit(f'no sm_{keep_sm} cubin in {wheel}: the slimmed wheel would run on no GPU')
    record = next(n for n in files if n.endswith('.dist-info/RECORD'))
    lines = [record_line(n, c) for n, c in files.items() if n != record] + [f'{record},,']
    files[record] = ('\n'.join(lines) + '\n').encode()
    os.makedirs(out_dir, exist_ok=True)
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for name, content in files.items():
            dst.writestr(name, content)
    print(f'{out}: {os.path.getsize(wheel) / 1e6:.1f} MB -> {os.path.getsize(out) / 1e6:.1f} MB')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('wheel')
    ap.add_argument('--sm', type=int, required=True, help='the SM to keep, e.g. 90 for H100/H200')
    ap.add_argument('-o', required=True, help='output directory')
    args = ap.parse_args()
    slim(args.wheel, args.sm, args.o)


if __name__ == '__main__':
    main()

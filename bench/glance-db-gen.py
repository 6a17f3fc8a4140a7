#!/usr/bin/env python3
"""bench/glance-db-gen.py: makes a Glance database (SQLite) full of images, for benchmarking `db import-glance`.

    bench/glance-db-gen.py OUT.sqlite [--images N] [--image-dir DIR] [--seed S]

The schema is Glance's own: `glance-manage db_sync` (Debian's glance-common) runs against the new file first,
then the rows are written with plain SQL the way Glance writes them (naive UTC times, booleans as 0/1). Every
image gets 10 custom properties and 2 tags, and, unless it is queued, one file:// location below --image-dir
(default /var/lib/glance/images; no file is written) with store metadata. Statuses and visibilities are mixed as
in a cloud that has run for a while: mostly active public/private/shared images, some queued, deactivated and
soft-deleted ones; a third of the shared images have one to three members (accepted, pending or rejected). The
same seed gives the same database. Prints one line with the counts.
"""
import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out', help='the SQLite file to create (must not exist)')
    parser.add_argument('--images', type=int, default=100_000)
    parser.add_argument('--image-dir', default='/var/lib/glance/images')
    parser.add_argument('--seed', type=int, default=14)
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        sys.exit(out + ' exists already; remove it first')
    started = time.monotonic()
    db_sync(out)
    counts = fill(out, args.images, args.image_dir.rstrip('/'), random.Random(args.seed))
    print('%s: %s in %.1f s' % (out, ', '.join('%d %s' % (n, kind) for kind, n in counts.items()),
                                time.monotonic() - started))


def db_sync(path):
    """Glance's schema, made by Glance itself."""
    with tempfile.TemporaryDirectory() as work:
        conf = os.path.join(work, 'glance-api.conf')
        with open(conf, 'w') as f:
            f.write('[database]\nconnection = sqlite:///%s\n' % path)
        done = subprocess.run(['glance-manage', '--config-file', conf, 'db_sync'], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=600)
        if done.returncode != 0:
            sys.exit('glance-manage db_sync failed:\n' + done.stdout)


STATUSES = [('active', 86), ('queued', 5), ('deactivated', 3), ('deleted', 4), ('killed', 1), ('uploading', 1)]
VISIBILITIES = [('public', 20), ('private', 40), ('shared', 30), ('community', 10)]
MEMBER_STATUSES = ['accepted', 'accepted', 'pending', 'rejected']
FORMATS = [('qcow2', 'bare'), ('raw', 'bare'), ('vmdk', 'bare'), ('iso', 'bare'), ('qcow2', 'ovf')]


def weighted(rng, choices):
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def stamp(t):
    return t.strftime('%Y-%m-%d %H:%M:%S.%f')


def fill(path, n, image_dir, rng):
    db = sqlite3.connect(path)
    db.execute('PRAGMA journal_mode = OFF')
    db.execute('PRAGMA synchronous = OFF')
    start = datetime(2019, 1, 1)
    counts = dict(images=0, deleted_images=0, properties=0, tags=0, members=0, locations=0)
    images, properties, tags, members, locations = [], [], [], [], []

    def flush():
        db.executemany('INSERT INTO images (id, name, size, status, created_at, updated_at, deleted_at, deleted,'
                       ' disk_format, container_format, checksum, owner, min_disk, min_ram, protected,'
                       ' virtual_size, visibility, os_hidden, os_hash_algo, os_hash_value)'
                       ' VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', images)
        db.executemany('INSERT INTO image_properties (image_id, name, value, created_at, updated_at, deleted_at,'
                       ' deleted) VALUES (?, ?, ?, ?, ?, ?, ?)', properties)
        db.executemany('INSERT INTO image_tags (image_id, value, created_at, updated_at, deleted_at, deleted)'
                       ' VALUES (?, ?, ?, ?, ?, ?)', tags)
        db.executemany('INSERT INTO image_members (image_id, member, can_share, created_at, updated_at,'
                       ' deleted_at, deleted, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', members)
        db.executemany('INSERT INTO image_locations (image_id, value, created_at, updated_at, deleted_at, deleted,'
                       ' meta_data, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', locations)
        for rows in (images, properties, tags, members, locations):
            rows.clear()

    for k in range(n):
        image_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        created = start + timedelta(seconds=k * 600 + rng.randrange(600), microseconds=rng.randrange(1_000_000))
        updated = None if rng.random() < 0.1 else created + timedelta(seconds=rng.randrange(1, 86_400))
        status = weighted(rng, STATUSES)
        deleted = status == 'deleted'
        deleted_at = stamp(updated or created) if deleted else None
        visibility = weighted(rng, VISIBILITIES)
        owner = 'project-%03d' % rng.randrange(200)
        disk_format, container_format = rng.choice(FORMATS)
        has_data = status not in ('queued', 'killed')
        size = rng.randrange(1 << 20, 20 << 30) if has_data else None
        checksum = '%032x' % rng.getrandbits(128) if has_data else None
        hash_value = '%0128x' % rng.getrandbits(512) if has_data else None
        images.append((image_id, 'image-%06d %s' % (k, disk_format), size, status, stamp(created),
                       None if updated is None else stamp(updated), deleted_at, int(deleted),
                       disk_format, container_format, checksum, owner, rng.choice([0, 1, 10, 20]),
                       rng.choice([0, 64, 512, 2048]), int(rng.random() < 0.05),
                       size if has_data and disk_format == 'raw' else (size * 3 if has_data else None),
                       visibility, int(rng.random() < 0.02), 'sha512' if has_data else None, hash_value))
        counts['deleted_images' if deleted else 'images'] += 1
        row_deleted = (deleted_at, int(deleted))
        for name, value in [
                ('architecture', rng.choice(['x86_64', 'aarch64'])),
                ('os_distro', rng.choice(['debian', 'ubuntu', 'centos', 'cirros'])),
                ('os_version', str(rng.randrange(7, 25))),
                ('hw_disk_bus', rng.choice(['virtio', 'scsi', 'ide'])),
                ('hw_scsi_model', 'virtio-scsi'),
                ('hw_qemu_guest_agent', rng.choice(['yes', 'no'])),
                ('hypervisor_type', 'qemu'),
                ('os_require_quiesce', rng.choice(['yes', 'no'])),
                ('build_id', '%08x' % rng.getrandbits(32)),
                ('description', 'Generated image %d for the import benchmark, built by pipeline %d.'
                 % (k, rng.randrange(1000)))]:
            properties.append((image_id, name, value, stamp(created), None, *row_deleted))
        for t, tag in enumerate(rng.sample(['prod', 'test', 'golden', 'nightly', 'lts', 'gpu', 'legacy'], 2)):
            tags.append((image_id, tag, stamp(created + timedelta(seconds=t)), None, *row_deleted))
        if visibility == 'shared' and rng.random() < 1 / 3:
            for member in rng.sample(range(200), rng.randrange(1, 4)):
                members.append((image_id, 'project-%03d' % member, 0, stamp(created),
                                stamp(created + timedelta(hours=1)), *row_deleted, rng.choice(MEMBER_STATUSES)))
        if has_data and status != 'uploading':
            locations.append((image_id, 'file://%s/%s' % (image_dir, image_id), stamp(created), None, *row_deleted,
                              json.dumps({'store': 'file1', 'boot_hint': 'disk%d' % rng.randrange(4)}), 'active'))
        if len(images) >= 5000:
            flush()
    flush()
    db.commit()
    for kind, table in [('properties', 'image_properties'), ('tags', 'image_tags'), ('members', 'image_members'),
                        ('locations', 'image_locations')]:
        counts[kind] = db.execute('SELECT COUNT(*) FROM %s WHERE deleted = 0' % table).fetchone()[0]
    db.close()
    return counts


if __name__ == '__main__':
    main()

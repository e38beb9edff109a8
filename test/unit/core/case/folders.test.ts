// The shared folder-walk rules (issue 10): which names are case files and which subfolders are walked.
import * as assert from 'node:assert/strict';
import { isCaseFileName, planFolder, type FolderEntry } from '../../../../src/core/case/folders';

suite('case folders: the walk rules every host shares', () => {
	const names: { name: string; want: boolean }[] = [
		{ name: 'root-store.reg', want: true },
		{ name: 'Root.SST', want: true },
		{ name: 'alice-with-chain.pfx', want: true },
		{ name: 'trace.pcapng', want: true },
		{ name: 'trace.pcap.gz', want: true },
		{ name: 'schannel-dll-version.txt', want: true },
		{ name: 'System.evtx', want: true },
		{ name: 'schannel-lens.json', want: true },
		{ name: 'package.json', want: false },
		{ name: 'tsconfig.json', want: false },
		{ name: 'notes.json', want: false },
		{ name: 'README.md', want: false },
		{ name: 'server.key', want: false },
	];
	for (const { name, want } of names) test(`${name} → ${want ? 'read' : 'ignored'}`, () => assert.equal(isCaseFileName(name), want));

	test('a listing: case files and walkable subfolders, sorted; hidden folders, node_modules and other entries skipped', () => {
		const entries: FolderEntry[] = [
			{ name: 'web01', type: 'folder' },
			{ name: 'README.md', type: 'file' },
			{ name: '.git', type: 'folder' },
			{ name: 'node_modules', type: 'folder' },
			{ name: 'b.cer', type: 'file' },
			{ name: 'a.reg', type: 'file' },
			{ name: 'clients', type: 'folder' },
			{ name: 'link.cer', type: 'other' },
			{ name: 'folder.reg', type: 'folder' },
		];
		assert.deepEqual(planFolder(entries), { files: ['a.reg', 'b.cer'], folders: ['clients', 'folder.reg', 'web01'] });
	});

	test('the output folder (saved plans and scripts) is never walked: a saved plan is not evidence of a machine', () => {
		assert.deepEqual(planFolder([{ name: 'schannel-lens-output', type: 'folder' }, { name: 'web01', type: 'folder' }]), { files: [], folders: ['web01'] });
	});

	test('a folder with no case file contributes no machine, only subfolders', () => {
		assert.deepEqual(planFolder([{ name: 'README.md', type: 'file' }, { name: 'web01', type: 'folder' }]), { files: [], folders: ['web01'] });
	});
});

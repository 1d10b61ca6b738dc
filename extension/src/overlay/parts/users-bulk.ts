import { bulkHostSync } from './bulk-host-sync.tsx';
import { bulkSeatPreview } from './bulk-seat-preview.tsx';
import noticesCss from '../styles/notices.css?inline';

/** The Users list's bulk-action code, loaded when the admin first opens a bulk panel (parts.ts). */
export default { styles: noticesCss, bulkSeatPreview, bulkHostSync };

import { render } from 'preact';
import { Popup } from '@/components/Popup';

const param = new URLSearchParams(location.search).get('tabId');
render(<Popup boundTabId={param === null ? null : Number(param)} />, document.getElementById('app')!);

-- How a citizen checked in (issue #13 item 8), on the ticket and on the booking, so window staff see it:
--   qr       the hall screen's rotating code (the phone, or someone relaying it, saw the screen minutes ago)
--   location a position the phone reported: client-asserted, not verified by anyone
--   window   staff scanned the booking voucher at the desk
-- Tickets converted from a booking carry the booking's method instead of the old 'appointment'.

alter table appointments drop constraint appointments_checkin_method_check;
update appointments set checkin_method = case checkin_method when 'geofence' then 'location' when 'staff' then 'window' else checkin_method end;
alter table appointments add constraint appointments_checkin_method_check check (checkin_method in ('qr', 'location', 'window'));
alter table appointments add constraint appointments_checkin_method_present check ((checked_in_at is null) = (checkin_method is null));

alter table queue_tickets drop constraint queue_tickets_checkin_method_check;
update queue_tickets set checkin_method = 'location' where checkin_method = 'geofence';
-- A booking's ticket is created in the transaction that checks the booking in, so every one has a booking to read.
update queue_tickets t set checkin_method = a.checkin_method from appointments a where t.checkin_method = 'appointment' and a.id = t.appointment_id;
alter table queue_tickets add constraint queue_tickets_checkin_method_check check (checkin_method in ('qr', 'location', 'window'));
alter table queue_tickets add constraint queue_tickets_checkin_method_present check ((checked_in_at is null) = (checkin_method is null));

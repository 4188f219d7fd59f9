-- Queue's published read of its tickets (issue 15): the number a ticket was issued under, for modules that
-- show a ticket they hold the id of (an appointment's check-in ticket) without reading `queue_tickets`.
create view queue_ticket_numbers as
  select t.id as ticket_id, t.number from queue_tickets t;
